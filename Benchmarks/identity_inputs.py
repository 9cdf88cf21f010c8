"""Writes COUNT emails and COUNT phone numbers (deterministic) for Scripts/bench-identity.sh."""
import random
import sys

count, folder = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
domains = ["gmail.com", "googlemail.com", "acme.example", "Example.COM", "outlook.com"]
with open(f"{folder}/email.txt", "w") as out:
    for index in range(count):
        email = f"{rng.choice(['jane', 'john', 'zoe', 'Anne'])}.{rng.choice(['doe', 'smith', 'lee'])}{index}"
        email += f"{rng.choice(['', '+crm'])}@{rng.choice(domains)}"
        out.write((f" {email.upper()} " if index % 5 == 0 else email) + "\n")
with open(f"{folder}/phone.txt", "w") as out:
    for index in range(count):
        digits = f"{rng.randrange(201, 989)}{rng.randrange(200, 999)}{rng.randrange(0, 10000):04d}"
        style = index % 3
        phone = [f"({digits[:3]}) {digits[3:6]}-{digits[6:]}", f"+1 {digits[:3]} {digits[3:6]} {digits[6:]}",
                 f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"][style]
        out.write(phone + "\n")
