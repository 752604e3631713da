"""Reading and decoding text: documents, sentences and clauses, word segmentation."""
