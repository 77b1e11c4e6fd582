// GitOps module.
