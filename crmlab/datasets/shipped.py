"""The shipped synthetic files, rebuilt byte for byte from their generators.

``python -m crmlab.datasets regenerate [DIR]`` (``make regenerate-data``) writes them; a test checks
that the output equals the shipped files, so the data in ``crmlab/data/`` is reproducible.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import schema
from .._files import write_atomic
from .generators import PRODUCTS, make_transactions
from .loaders import DATA_DIR

__all__ = ["regenerate", "GENERATED"]


def _retail_csv() -> bytes:
    frame = make_transactions(2000, seed=2024)
    out = frame.copy()
    out[schema.DATE] = out[schema.DATE].dt.strftime("%Y-%m-%d %H:%M")
    return out.to_csv(index=False, lineterminator="\n", float_format="%.2f").encode("utf-8")


def _shop_orders_csv() -> bytes:
    """A small export as a Chinese shop system writes it: GBK, Chinese headers, 年月日 dates."""
    frame = make_transactions(25, seed=7, weeks=26, acquisition_weeks=8, returns_rate=0.05)
    frame = frame.head(120).copy()
    unit_price = (frame[schema.AMOUNT] / frame[schema.QUANTITY]).abs().round(2)
    out = pd.DataFrame({
        "订单号": frame[schema.ORDER],
        "客户编号": frame[schema.CUSTOMER].fillna(""),
        "下单日期": frame[schema.DATE].dt.year.astype(str) + "年" + frame[schema.DATE].dt.month.astype(str)
        + "月" + frame[schema.DATE].dt.day.astype(str) + "日",
        "商品": frame[schema.PRODUCT].map(lambda p: PRODUCTS[p][0]),
        "品类": frame[schema.PRODUCT].map(lambda p: PRODUCTS[p][2]),
        "数量": frame[schema.QUANTITY].astype(int),
        "单价": unit_price,
        "渠道": frame[schema.CHANNEL].map({"store": "门店", "online": "网店"}),
    })
    text = out.to_csv(index=False, lineterminator="\r\n", float_format="%.2f")
    return text.encode("gbk")


#: Shipped file → the function that builds its bytes.
GENERATED = {"retail_synthetic.csv": _retail_csv, "shop_orders_gbk.csv": _shop_orders_csv}


def regenerate(directory: str | Path | None = None) -> list[Path]:
    """Write the shipped synthetic files into ``directory`` (default: the datasets folder)."""
    directory = Path(directory) if directory is not None else DATA_DIR
    written = []
    for name, build in GENERATED.items():
        path = directory / name
        write_atomic(path, build())
        written.append(path)
    return written
