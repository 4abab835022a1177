{
  "alg": "ed25519",
  "bodySha256": "bf96d61363539e164d4a42d7b1e5b2104158dfc327608417e3ce123cc188608e",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "s1H4tLniTCpdv7zi9+OuYbGPub6qlZlAooNFwOny2gPJwKqaIBQ87hOVmuOmaKLKlQOKsn2E6AR7TpeLJoORBw=="
}
