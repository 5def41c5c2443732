"""Random inputs for the python generator; same shapes as lib/common.js."""
import random

SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'
TRICKY = [' ', '+', '/', '&', '=', '%', '?', '#', ';', ',', ':', '@', '.', '-', '~', '*', "'",
          '(', ')', '!', '"', '\\', 'é', 'ü', '中', '😀', '\u2028', '%20', '%2B', '+1', '\t', '<', '>',
          '[', ']']
BAD_NAME_CHARS = [' ', '.', '-', '@', '+', '/', '&', '=', '%', 'é', '中', '😀', '"', '\\', '\n',
                  '\u2028', "'", '~', '!', '*', '(', ')', '#', '?']
REGIONS = ['us1', 'ie1', 'au1', 'de1', 'jp1', 'sg1', 'br1']


class Rng(random.Random):
    def int(self, lo, hi):
        return self.randint(lo, hi)

    def chance(self, p):
        return self.random() < p

    def hex(self, n):
        return ''.join(self.choice('0123456789abcdef') for _ in range(n))

    def sid(self, prefix):
        return prefix + self.hex(32)

    def from_alphabet(self, alphabet, lo, hi):
        return ''.join(self.choice(alphabet) for _ in range(self.randint(lo, hi)))

    def client_name(self, p_invalid=0.2):
        s = self.from_alphabet(SAFE, 1, 20)
        if self.chance(p_invalid):
            at = self.randint(0, len(s))
            s = s[:at] + self.choice(BAD_NAME_CHARS) + s[at:]
        return s

    def text(self, lo, hi):
        if self.chance(0.5):
            return self.from_alphabet(SAFE, lo, hi)
        return ''.join(self.choice(SAFE) if self.chance(0.5) else self.choice(TRICKY)
                       for _ in range(self.randint(lo, hi)))

    def key(self):
        if self.chance(0.08):
            return str(self.randint(0, 99))
        return self.text(1, 10)
