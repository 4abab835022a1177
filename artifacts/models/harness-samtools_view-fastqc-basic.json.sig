{
  "alg": "ed25519",
  "bodySha256": "5f6c659caf18b931ec6e825d11ff27d9e6134a4aa76727d39b285de2f4edd763",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "IEk2hEL5o+gx0tKNen63P3ejLQGVPyXY3cl+Xg1JtRWA550M8qn6F8R4GiblviRl6xsSbCu7067PDZvTUXaUBw=="
}
