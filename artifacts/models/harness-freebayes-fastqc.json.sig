{
  "alg": "ed25519",
  "bodySha256": "8bb38af968b994d938e7a801317a73712ef9e3daf9ffe747ac707e9a6514e558",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "zRuFFkkGRa3LfEiKAHVIK12CJBZu05tNTR09TY6jN+SUCOjN84A4jvrshwH8R9fEwK+WoHCcc4TYxnyuFRIxAw=="
}
