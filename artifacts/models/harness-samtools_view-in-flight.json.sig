{
  "alg": "ed25519",
  "bodySha256": "94791d5afc7a3907e91ba4f76a22e2e1ec802e9db48534d24f39728a16d5a646",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "ArDaF60LqReyBVDjKYlSMCCPLbtkow0xK6IGiENXFhihtbcfT+jGw2wMpIuX3fZPjMszwpuX6jSbbbLwpboPDQ=="
}
