{
  "alg": "ed25519",
  "bodySha256": "af38cc3d62ab03a51836f5312983324b999ea210e02c3283c70ec77e08a7a18f",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "D4ZFr+eJhvXLzbC1D95AnVEc2UZ0ymk9erF9JvKXEvml4Ex0AUKvsExA1jYzrUvBkB7d/ugcfKLnSi6X0/tTDg=="
}
