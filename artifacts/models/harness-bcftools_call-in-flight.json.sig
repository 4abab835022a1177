{
  "alg": "ed25519",
  "bodySha256": "e7604c231ee44a7ce57080c3d22f5312d5926fbb612f1d133d0b781d0707a52c",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "b6W2CbSnMlgRnul89+IHqcIg+/2MJ2REis8jz5jHulixFd8d3XyKMPU6+n5p8wW/vM1kUwasXMNX25HANMdCCA=="
}
