{
  "alg": "ed25519",
  "bodySha256": "a3a10a1bf93e25aecabb7f203cb427dd5005d6a8e1b8a268dd25972a1f0b6c0a",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "GYckf/TRBj0/ApbUZPJvctHbfFzxuAap9cveLPQ7DDJke4E05vDENhCSS2QQM4E8dqnQ9aze0dBam/zd++iHDQ=="
}
