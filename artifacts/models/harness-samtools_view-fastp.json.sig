{
  "alg": "ed25519",
  "bodySha256": "6e8caff581ad1b406a2ec7984473968749e9c1473de84b7f3890c575389c977b",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "8Qh91GLO314NhAW9UnYPvI+ELAQUD4bufKYvxKaGmOo3Ib5kMwLflKE+HHwMwLz+9TxURqFuFL4Y3erDE9FLAg=="
}
