{
  "alg": "ed25519",
  "bodySha256": "22c48b3b9684d4de40d965f11d8eb82edd6fe8ac17dff3a40822e1be309f7c12",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "RdRgjztLcI+a6CdAq5HKsJGo8/sZqjjic9yTKb8+DtWrqRTJV8OCnsg7nlHJLPTquyn5vcsl6gv/AdIfOolPAA=="
}
