{
  "alg": "ed25519",
  "bodySha256": "5a5d7a12f9652e897a4402fadd8e5f66d5f562d0cc7e71e75b454259ddd4e4b6",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "aF+q1zJPdC0W9E0Ct0mF/rP+qgddxAPn6bYasu4ZBa5lCk554QSKHFYnu57D7076Ob8aZ4SGVTk2jXjKR4JACw=="
}
