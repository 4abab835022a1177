{
  "alg": "ed25519",
  "bodySha256": "538b03af7939028a7dfe91afa891a2b5f6c979ad00a7284eccf99810fa72082f",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "WXiYqRIRiDEEvQk+DEZufczgyZzz6G1DtjhSvf91SWYwzdfHP9cq+e3J6y/vQr3i48BP8CL+ITdfPijINdSbAg=="
}
