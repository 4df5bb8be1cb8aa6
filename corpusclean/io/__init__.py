"""Readers and writers: text trees and JSONL; every write atomic."""
