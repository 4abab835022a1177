{
  "alg": "ed25519",
  "bodySha256": "a27af1b64a6795848505ccc6165ef8a27a97ae87f58ceb23b3b7c373fc8f966e",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "0D2iH52pUYMpB1cBvmUt6Jmr1GAROo+Ralg2CQPq7lcpxtQ6BER9RQbpfIqUWlQ0uIR8A+yANMuO7OiM4uvnCA=="
}
