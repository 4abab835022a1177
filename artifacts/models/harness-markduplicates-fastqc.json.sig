{
  "alg": "ed25519",
  "bodySha256": "39caad460995572f549d85897d0f3f5fcb295a4d77f851ed114c41002b692f29",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "aYMCPT5S/t62FMzF2mtDFXurr7Kn45DhVKSp+8vvw/UtW82Bqo3RpOm5cf0EIzEZqceZ/dPP3I7QCtwXOsPeCA=="
}
