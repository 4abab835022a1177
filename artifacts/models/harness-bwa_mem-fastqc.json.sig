{
  "alg": "ed25519",
  "bodySha256": "1618c82d046d12fe8ffe3400c26c75770a32c5a885a153c7d7f5a18751b48bec",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "5ZwH49fnis0Z+bp5BVbNi/aNP5Z3owlWF+2J5cr7iPgHgEZkXLM9r5an45ZTkfPJGhaQV0sNtzQjrRxw9JpXBw=="
}
