{
  "alg": "ed25519",
  "bodySha256": "0f3d72b60b284163afd368921493a9e707407a31b63d8d7328cb5379d703f384",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "hb1h4VyslVDfVTrBwwvlcGgqTuOWqM4sbD4HK/8rtjk+5fkGxVBlRtcaNrQplydBOy9AkFVBABsNpAIiJyiDAQ=="
}
