{
  "alg": "ed25519",
  "bodySha256": "c53229b25899f5bd86ba0b87470a8a3a4a04ea2682ce600b5f6b62cd87acfc47",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "ncixDp0Bt4cC9RjrzxyMpwFMaLC3u5DNM+00CpZ3ARPcAK9i4ZzFgz9tkdTDP/lsOxJ/KgM8mMdkpY2HMw0JDw=="
}
