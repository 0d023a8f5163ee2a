"""The exercise banks, one module per chapter (listed in :data:`crmlab.exercises.registry.BANKS`)."""
