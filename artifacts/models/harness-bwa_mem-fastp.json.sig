{
  "alg": "ed25519",
  "bodySha256": "8419a7b336164b1f872b7dda6da2374e73285d1e77f99f2f6301a248a294293e",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "CYxfrgtP5xfMEKIr20LYAZMFDxnYdTC77movcWBXd1j3a0R/p8uC3UIaUbaBH66YD4UeY6b0FstlfXeXUQSdAQ=="
}
