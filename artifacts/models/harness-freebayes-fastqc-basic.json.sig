{
  "alg": "ed25519",
  "bodySha256": "25d1a5c68af3f2b93d97a1ad83d3689cb9e70f67f4aa0cb675c71a5a172a8d45",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "h7Chi1UDa1rUl6LBa5NyVWAnHKJyDFanqnJ7pO1qwC5HFuKfHfsWEVN4dOU3mT0MNzm5gSpKF45GhgGgOHRUBQ=="
}
