-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36
# A hand-written fixture in mysqldump's style, with the hard cases of the DDL importer.

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `customers`
--

DROP TABLE IF EXISTS `customers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `customers` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `name` varchar(100) NOT NULL DEFAULT '',
  `status` enum('active','blocked','it''s \'complicated\'') NOT NULL DEFAULT 'active',
  `roles` set('admin','editor','viewer') DEFAULT NULL,
  `balance` decimal(10,2) unsigned NOT NULL DEFAULT '0.00',
  `is_vip` tinyint(1) NOT NULL DEFAULT '0',
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` timestamp(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6),
  `notes` text COMMENT 'Free text, can''t be \"long\"',
  `age` tinyint unsigned DEFAULT NULL,
  `score` double DEFAULT NULL,
  `rating` float(3,1) DEFAULT NULL,
  `birth_year` year DEFAULT NULL,
  `avatar` mediumblob,
  `prefs` json DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `customers_email_uq` (`email`),
  KEY `idx_status` (`status`),
  FULLTEXT KEY `ft_notes` (`notes`),
  CONSTRAINT `customers_chk_1` CHECK ((`age` between 18 and 130)),
  CONSTRAINT `customers_chk_2` CHECK ((`score` >= -(10))) /*!80016 NOT ENFORCED */
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='People who buy';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `customers`
--

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` VALUES (1,'ada@example.com','Ada','active','admin,editor',10.50,1,'2024-01-02 03:04:05',NULL,'She said \"hi\"\\n; then left',36,-1.5,4.5,1990,NULL,'{\"a\": 1}'),(2,'bob@example.com','Bob','blocked','',0.00,0,'2024-02-03 00:00:00','2024-02-04 05:06:07.123456',NULL,NULL,NULL,NULL,NULL,_binary 'PNG',NULL);
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `orders`
--

DROP TABLE IF EXISTS `orders`;
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` int unsigned NOT NULL,
  `total` decimal(12,2) NOT NULL DEFAULT '0.00',
  `quantity` int NOT NULL,
  `unit_price` decimal(10,2) NOT NULL,
  `line_total` decimal(12,2) GENERATED ALWAYS AS ((`quantity` * `unit_price`)) STORED,
  `shipped` tinyint(1) AS (`total` > 0) VIRTUAL,
  `placed_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`) USING BTREE,
  KEY `fk_orders_customer` (`customer_id`),
  CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `order_items` (
  `order_id` bigint unsigned NOT NULL,
  `line_no` smallint NOT NULL,
  `sku` char(8) CHARACTER SET ascii NOT NULL,
  `qty` mediumint unsigned NOT NULL DEFAULT '1',
  PRIMARY KEY (`order_id`,`line_no`),
  UNIQUE KEY `uq_item_sku` (`order_id`,`sku`(4)),
  CONSTRAINT `fk_items_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`)
) ENGINE=InnoDB;

-- phpMyAdmin exports keys and numbering as ALTER TABLE statements:
CREATE TABLE `tags` (
  `id` int(11) NOT NULL,
  `label` varchar(40) NOT NULL
) ENGINE=MyISAM;
ALTER TABLE `tags`
  ADD PRIMARY KEY (`id`),
  ADD UNIQUE KEY `tags_label` (`label`),
  ADD KEY `tags_label_prefix` (`label`(10));
ALTER TABLE `tags`
  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=7;

INSERT INTO `tags` (`id`, `label`) VALUES (1, 'new'), (2, 'sale'), (3, CONCAT('x', 'y'));

--
-- Temporary view structure for view `big_orders`
--

/*!50001 DROP VIEW IF EXISTS `big_orders`*/;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `big_orders` AS select `orders`.`id` AS `id` from `orders` where (`orders`.`total` > 100) */;

/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `orders_bi` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN
  IF NEW.total < 0 THEN
    SET NEW.total = 0;
  END IF;
END */;;
DELIMITER ;

DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `add_order`(IN cid INT)
BEGIN
  INSERT INTO orders (customer_id, quantity, unit_price) VALUES (cid, 1, 0);
  SELECT LAST_INSERT_ID();
END ;;
DELIMITER ;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2024-05-01 12:00:00
