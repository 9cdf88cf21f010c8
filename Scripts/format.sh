#!/usr/bin/env bash
# Formats the Swift sources in place with the repository's .swift-format (what CI lints with --strict).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive Sources Tests Package.swift
