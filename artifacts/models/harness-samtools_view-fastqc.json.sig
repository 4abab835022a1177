{
  "alg": "ed25519",
  "bodySha256": "410fd3415aa4dadc369e9fcb43f3ddf936fe169c10debc053414b7be7b7add9a",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "/01E5Hg5PnmaLkjn5RX994K3nMNzodVSU5AbyzM2cppkKAJF6vKJBDshpCIDE0HsoWfS4kscIiIwcoWRsP6tCw=="
}
