{
  "alg": "ed25519",
  "bodySha256": "ea995508e8b76f080d4e72eb853e17c5def0c12f7b06ee9098461fcfdb340046",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "Wd276RycbI2m2GQloZSgnj95zJFg3/7xHUKPPjG7S9GcXRuP/aR7Y1wGncuiWBdmfK3aqy4SQXwuNsLx85Q1Bw=="
}
