{
  "alg": "ed25519",
  "bodySha256": "301c0164f7804e4b5ca3f83d5dc2df05f82e5ad54650eec01166747a1ab096d0",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "HuGbCuySmkJtK5TqKEJLdhkNm3mu7FTH/fdwrv69mLUxihfBAOnTZ4Y8N2lnPFfaNB+a8emTGZHEqekzSAb4BA=="
}
