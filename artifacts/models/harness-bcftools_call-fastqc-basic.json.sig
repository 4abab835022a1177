{
  "alg": "ed25519",
  "bodySha256": "c356d3fcf495cbe24dfcdfba909818aea9bc65c996c450aa14c01d3baead0d03",
  "format": "gwtime-model-signature-v1",
  "keyId": "5d9dad38fd5bc8127595c83313a4fab4de9febd955fa94d1b0f08c9316d0baa4",
  "signature": "xmm0XpIVdO2Nb/PhilrrPBMkYD54vxfrVX99tGN39U823vkM3AVdnwUDVeB7YT9TVH/mHCQRqT2nY8oEiLcPBQ=="
}
