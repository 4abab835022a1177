{
  "alg": "ed25519",
  "bodySha256": "034007e806753199f990c68b8a9cb909567088c431ff8d063905e55042dd1046",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "ogSLN9BOs46Ma1k1v+ThF4P6FP6D11FHTsXdcYqY+jYWlenN9KXA+g1rA0wT/ZVejBFieK4zmgdoYFDu4QJdCA=="
}
