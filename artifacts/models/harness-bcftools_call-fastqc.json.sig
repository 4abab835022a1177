{
  "alg": "ed25519",
  "bodySha256": "c9167cefe20340a4bd20cb86b47e13089b0888a61f354e462feda2cfe81a4e11",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "kNzojqaIwDWnNPm9ePqiePV5cP5hkUMUYLiOYKtH7VoHKnlqXjEdokVQ812e1Hpx5TPXWZvpeI2fjZIvsBWEAA=="
}
