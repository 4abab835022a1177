{
  "alg": "ed25519",
  "bodySha256": "a6ec5a0aefcb133bfad2dd6cd67e1f1f3dade5476eac1ab627dc651c667301dc",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "DKbi4w8/fHQ8VfjKCZi84WRpnFfP1mE8bQGIswfmXmRBXBtRflv+19tY9fs/0mRfXPInInyNmJj/NMfg0KyXBA=="
}
