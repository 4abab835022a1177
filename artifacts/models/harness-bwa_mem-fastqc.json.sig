{
  "alg": "ed25519",
  "bodySha256": "c670781c99e66751dddba49d130dc6a5b1bffb72cd37f7c70fe4391fb0dc31b1",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "T8FHped1VT3PqZZq6p0J+pANw0JtUv5rs5l2q/B5bsrhaU7hDqHNnEYFSCCAEEd/yuQbyAc7GBFoO3HuQt1lBg=="
}
