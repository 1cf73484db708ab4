"""The demo (`networkit demo`): realistic, reproducible cohorts, graduates and interviews."""

from networkit_core.demo.accounts import DEMO_PASSWORD, DemoAccount, demo_accounts
from networkit_core.demo.loader import DemoSummary, load_demo

__all__ = ["DEMO_PASSWORD", "DemoAccount", "DemoSummary", "demo_accounts", "load_demo"]
