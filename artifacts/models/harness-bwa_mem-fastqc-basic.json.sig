{
  "alg": "ed25519",
  "bodySha256": "794974a38d8b8471c9ff8f435b5c085a89abe2f00c43a452c009723b8627ca95",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "MPIy0sdNRGrYenX7iTAgogGnPEa6m12cvk2GVb1fpJNMLEBkx1DXXw82B0nF+MsbbFf+sooftHMzR0xB0y9hAQ=="
}
