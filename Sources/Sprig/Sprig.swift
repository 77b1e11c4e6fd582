// Sprig module.
