{
  "alg": "ed25519",
  "bodySha256": "4b30312d97fb2bfd4a13c8052bac45fce67ee449ddce3254cfb0e323e9e9f794",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "BKYmsI2ev4olMCt+awFKd/QTxjUp7OirkSPe93cLwnb+9gaMfJOhX58Y1s4lptjV97b/RcFATm5TCx2yiTQ5AQ=="
}
