{
  "alg": "ed25519",
  "bodySha256": "9150acfffc085b68e6d1b2ceaa654ded714c9c86641cd83ef27d301bf18a491f",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "mOCBCZf+Vjj8E9XXGWkFWqkgBh9hrJG9Gn0/fU75JUAiF3wjoD+6FnY9mG1SsQ61rBLCJVBgARVgKVEyPBSnAg=="
}
