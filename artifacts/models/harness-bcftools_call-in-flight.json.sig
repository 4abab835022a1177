{
  "alg": "ed25519",
  "bodySha256": "0517ebe0bfa584a3a4cfe14993fefba4212880e8517b973896da7c9a4cd0b7cb",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "RPtOhcBwMjr89g6GcmfuHHwygSlm7SURjNqSdHeB5/UEQPKi41hMPZ3379ZwHzxKjiYLoQNvfixtiXz3Tu5pAQ=="
}
