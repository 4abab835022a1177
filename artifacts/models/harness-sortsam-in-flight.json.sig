{
  "alg": "ed25519",
  "bodySha256": "2ead9e5bf02d49429353febda5de15efbf4e619be9a24372d47df1733fb242c2",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "kDYX6nj0D//2WqTlv4AKPPG8fgqnhoIb2Kqe1fhMSRy/bUldljlY5iuKl8rVdbpoIeWmIznbbWzwGWDWHLkyCw=="
}
