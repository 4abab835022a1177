{
  "alg": "ed25519",
  "bodySha256": "40ab468e949d46422cf06cab281c1ac5843e7c8d29cc5b9a4a976b596d0ec3f1",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "xmPIq5SG75rWwNv0eZXaNEOKDNMkC9P1P31JcHyBAATwpSCnAbj7ryiloeN8noenDbZt5uu7Fop/CrWIvPgpBQ=="
}
