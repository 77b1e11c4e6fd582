import HelmEngine
