{
  "alg": "ed25519",
  "bodySha256": "af2d0c3968278cc84e5956ea1adfe19ea1729829f1926cc4b54d7aa9a82cb994",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "cMX/qNY3iOWf6TzYVNQ+opAA+6desLAMJqXYgS8GMtna311EDMTIAcw18nEdx3Cmei0oM4Det15Bh34n9gtbAw=="
}
