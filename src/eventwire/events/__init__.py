"""Event mentions in a parsed sentence: triggers (lexicon), roles, modality and sizes."""
