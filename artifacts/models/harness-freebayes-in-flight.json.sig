{
  "alg": "ed25519",
  "bodySha256": "446248b6fcd5b83fd0a3ebcd5963e71250936475f836174eededc2a5d1869735",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "XC7Q1XkRJkNOqpL9C/81+v5g5By9OQokYn8G5i2lXAzjjnQJ05ZWn6IcswIoM6Ka2uN+deI0mW13Zr1/CaIdDw=="
}
