{
  "alg": "ed25519",
  "bodySha256": "01995287490877c69ef615645dc39c1460575d5229d51f52d68b00993d916016",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "jlpTTAX34/aJ9rp88rGY+uM0aZrZKWyCa4DtQI+zjTP8//+zA4j/Q28CgdNP5bWzlh7u3HHZ/09DI0RWD9xeBw=="
}
