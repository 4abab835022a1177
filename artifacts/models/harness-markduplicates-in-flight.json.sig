{
  "alg": "ed25519",
  "bodySha256": "ad92043088ae9d0271695ca55bac2adab116a94bfbc879eb83a991d11bfece77",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "aZzaqhv+6u1/JZ4vO8/1Ma9nhMzY0nrVkir3tiQpSokRdlQJszN9FSNMtWq7FN2jwNxKpNRcD2/myoG69ca1Cg=="
}
