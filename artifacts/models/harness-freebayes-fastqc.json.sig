{
  "alg": "ed25519",
  "bodySha256": "1e687bda464f6c23a9e623d50639fbefd38c45fb8bd7f21c3a0e782c414e4ac1",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "ydQKAwm1IfSKudyGivDFPUqyHEJhn+Y9ycH6/4EhELlZDOtjaLsBolW3cvF9s9A39TTKjDn5FGGe+Jucr0e8Ag=="
}
