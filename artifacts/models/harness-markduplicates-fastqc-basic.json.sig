{
  "alg": "ed25519",
  "bodySha256": "deb867953e99cd31d6416a460030f16c9de7d899ccdc081782c7f2917d1c39d4",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "tOVsHqowZZt7Hp+JqbDxIQzguPMWtBpCOevD30C3illWjODoMRwE291iYSGFu8gCuNgUlR8mSEPRYmhX7t/zBw=="
}
