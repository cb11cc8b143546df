# Nothing here is a secret: references, placeholders, example keys, hashes.
variable "db_password" {
  type      = string
  sensitive = true
}
locals {
  aws_access_key_id     = "AKIAIOSFODNN7EXAMPLE"
  aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  api_key               = var.api_key
  password              = "${var.db_password}"
  token                 = "<TOKEN>"
  image_digest          = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
  request_id            = "123e4567-e89b-42d3-a456-426614174000"
}
