// HelmEngine module.
