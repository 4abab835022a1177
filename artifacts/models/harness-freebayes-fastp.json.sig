{
  "alg": "ed25519",
  "bodySha256": "89c5f8158220900b63e0a675dcfdb9b0fc6192b6a507f403d676ebc03f72da0d",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "0LlYSIRvlTHLAlquSMK9/a58ljzlI/b3zBO5O1BvXsE9pZOCkBA9q6rPgxBPKo5rJEKZ/MC9ZwQkfkhTkj0wDg=="
}
