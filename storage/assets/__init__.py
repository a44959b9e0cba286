"""The 部件 registry (管理部件, GB/T 30428): managed city assets, their classes and codes."""

from storage.assets.classes import AssetClass, AssetClasses, load_asset_classes
from storage.assets.codes import AssetCode, BadAssetCode, parse_code
from storage.assets.service import (
    AssetMatch,
    AssetTicket,
    AssetView,
    NearestAsset,
    asset_history,
    find_nearest_asset,
    get_asset,
    list_assets,
    match_report,
)

__all__ = [
    "AssetClass",
    "AssetClasses",
    "AssetCode",
    "AssetMatch",
    "AssetTicket",
    "AssetView",
    "BadAssetCode",
    "NearestAsset",
    "asset_history",
    "find_nearest_asset",
    "get_asset",
    "list_assets",
    "load_asset_classes",
    "match_report",
    "parse_code",
]
