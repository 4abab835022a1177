{
  "alg": "ed25519",
  "bodySha256": "4cd407f093970823d8b40d9aea88e135a2a1f4b3f018f62365e95cec59a05f19",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "49IXX7ohQbzBv4b2aJWSilUa1lUDemRBkoth771GHKyadBcDLNF9iXMpWhK6pQGLqYyt8lSGFCMl8kA45D5rBQ=="
}
